import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { CorrelationId, PageQuery } from '@oms/service-runtime';
import { ClearHoldRequest, PlaceHoldRequest } from '../dto/hold.requests';
import { OrderCommandsService } from '../order-commands.service';
import { OrderQueriesService } from '../order-queries.service';

/** Typed holds of an order: place one, clear one by id, list them (open and cleared). */
@ApiTags('orders')
@Controller('orders/:id/holds')
export class OrderHoldsHttpController {
  constructor(
    private readonly commands: OrderCommandsService,
    private readonly queries: OrderQueriesService,
  ) {}

  /** Every hold of the order, oldest first: type, code, reason, who placed it and when; who cleared it, when and why. */
  @Get()
  @Roles('csr', 'ops')
  @ApiNotFoundResponse({ description: 'no such order' })
  list(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: PageQuery, @CurrentActor() actor: Actor) {
    return this.queries.holds(id, query, actor);
  }

  /** The order moves to on-hold, or, already held, keeps every other hold open as well. */
  @Post()
  @Roles('csr')
  @ApiCreatedResponse({ description: 'the order with its holds' })
  @ApiConflictResponse({ description: 'the order is in a status that cannot be held (e.g. "cannot hold an order that is shipped")' })
  async place(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: PlaceHoldRequest, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined) {
    await this.commands.hold(id, { type: body.type, code: body.code ?? body.type, reason: body.reason }, actor, correlationId);
    return this.queries.get(id, actor);
  }

  /** Clears one hold with a reason; once no hold is open the order returns to the status the first hold interrupted. */
  @Post(':holdId/clear')
  @Roles('csr')
  @HttpCode(200)
  @ApiOkResponse({ description: 'the order with its holds' })
  @ApiNotFoundResponse({ description: 'no such order, or no such hold on it' })
  @ApiConflictResponse({ description: 'the hold was cleared already, or it is a pricing hold and a line still has no price' })
  async clear(
    @Param('id', new ParseUUIDPipe()) id: string, @Param('holdId', new ParseUUIDPipe()) holdId: string, @Body() body: ClearHoldRequest,
    @CurrentActor() actor: Actor, @CorrelationId() correlationId: string | undefined,
  ) {
    await this.commands.clearHold(id, holdId, body.reason, actor, correlationId);
    return this.queries.get(id, actor);
  }
}
