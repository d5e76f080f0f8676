import { Module } from '@nestjs/common';
import { MessagesHttpController } from './messages.http.controller';

/** The messages API (reads only; messages are written by the consumers and the dispatcher). */
@Module({ controllers: [MessagesHttpController] })
export class MessagesModule {}
