-- One database per service, as the local tooling creates them.
CREATE DATABASE catalog;
CREATE DATABASE subscriptions;
CREATE DATABASE orders;
CREATE DATABASE fulfillment;
CREATE DATABASE notifications;
