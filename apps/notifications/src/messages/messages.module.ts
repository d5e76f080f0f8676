import { Module } from '@nestjs/common';
import { MessagesHttpController } from './messages.http.controller';
import { MessagesQueued } from './messages-queued.signal';

/**
 * The messages API (reads only; messages are written by the consumers and the dispatcher), and the
 * signal with which the consumers that queue messages wake the dispatcher.
 */
@Module({ controllers: [MessagesHttpController], providers: [MessagesQueued], exports: [MessagesQueued] })
export class MessagesModule {}
