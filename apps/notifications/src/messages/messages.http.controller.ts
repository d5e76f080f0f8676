import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Roles } from '@oms/auth';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { notFound, paginate, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import { ListMessagesQuery } from './list-messages.query';
import { toMessageResponse, type MessageResponse } from './message.mapper';

/** The record of every email: for customer service ("did the customer get it?") and operations (failed sends). */
@ApiTags('messages')
@Roles('csr', 'ops')
@Controller('messages')
export class MessagesHttpController {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first. */
  @Get()
  async list(@Query() query: ListMessagesQuery): Promise<Page<MessageResponse>> {
    const where = {
      ...(query.customerId && { customerId: query.customerId }),
      ...(query.orderId && { orderId: query.orderId }),
      ...(query.subscriptionId && { subscriptionId: query.subscriptionId }),
      ...(query.status && { status: query.status }),
    };
    return paginate(query, {
      rows: (window) => this.prisma.message.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...window }),
      count: () => this.prisma.message.count({ where }),
    }, toMessageResponse);
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'no message with this id' })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<MessageResponse> {
    const message = await this.prisma.message.findUnique({ where: { id } });
    if (!message) throw notFound('message', id);
    return toMessageResponse(message);
  }
}
