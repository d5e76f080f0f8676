import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { type Actor, customerScope, CurrentActor, inCustomerScope, Roles } from '@oms/auth';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { notFound, paginate, type Page } from '@oms/service-runtime';
import { PrismaService } from '../database/prisma.service';
import { ListMessagesQuery } from './list-messages.query';
import { toMessageResponse, type MessageResponse } from './message.mapper';

/**
 * The record of every email: for customer service ("did the customer get it?"), operations (failed sends)
 * and the customer themselves, who sees only the messages sent about them.
 */
@ApiTags('messages')
@Roles('customer', 'csr', 'ops')
@Controller('messages')
export class MessagesHttpController {
  constructor(private readonly prisma: PrismaService) {}

  /** Newest first. */
  @Get()
  async list(@Query() query: ListMessagesQuery, @CurrentActor() actor: Actor): Promise<Page<MessageResponse>> {
    const own = customerScope(actor);
    const filters = {
      ...(query.customerId && { customerId: query.customerId }),
      ...(query.orderId && { orderId: query.orderId }),
      ...(query.subscriptionId && { subscriptionId: query.subscriptionId }),
      ...(query.status && { status: query.status }),
    };
    // A customer's list holds only the messages for them (not the store manager's copies), whatever customerId the query names.
    const where = { AND: [filters, { ...(own !== undefined && { customerId: own, audience: 'customer' }) }] };
    return paginate(query, {
      rows: (window) => this.prisma.message.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...window }),
      count: () => this.prisma.message.count({ where }),
    }, toMessageResponse);
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'no message with this id (or not yours)' })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor): Promise<MessageResponse> {
    const message = await this.prisma.message.findUnique({ where: { id } });
    if (!message || !inCustomerScope(actor, message) || (customerScope(actor) !== undefined && message.audience !== 'customer')) throw notFound('message', id);
    return toMessageResponse(message);
  }
}
