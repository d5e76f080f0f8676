import { Module } from '@nestjs/common';
import { MessagesHttpController } from './messages.http.controller';
import { MessagesQueuedAnnouncer } from './messages-queued.announcer';
import { MessagesQueued } from './messages-queued.signal';

/**
 * The messages API (reads only; messages are written by the consumers and the dispatcher), and the
 * signal with which the consumers that queue messages wake the dispatcher (in this replica, or through PostgreSQL in
 * the replicas that send when this one does not).
 */
@Module({ controllers: [MessagesHttpController], providers: [MessagesQueued, MessagesQueuedAnnouncer], exports: [MessagesQueued] })
export class MessagesModule {}
