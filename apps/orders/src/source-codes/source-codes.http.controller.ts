import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@oms/auth';
import { CreateSourceCodeRequest, ListSourceCodesQuery, UpdateSourceCodeRequest } from './source-code.requests';
import { SourceCodesService } from './source-codes.service';

const INCONSISTENT = 'validTo not after validFrom, a charge listed twice, or a free-shipping code that charges shipping';

@ApiTags('source-codes')
@Controller('source-codes')
export class SourceCodesHttpController {
  constructor(private readonly sourceCodes: SourceCodesService) {}

  @Post()
  @Roles('admin')
  @ApiConflictResponse({ description: 'the code exists already' })
  @ApiUnprocessableEntityResponse({ description: INCONSISTENT })
  create(@Body() request: CreateSourceCodeRequest, @CurrentActor() actor: Actor) {
    return this.sourceCodes.create(request, actor);
  }

  /** By code; `channel` and `validAt` filter. */
  @Get()
  @Roles('csr', 'ops', 'channel')
  list(@Query() query: ListSourceCodesQuery) {
    return this.sourceCodes.list(query);
  }

  @Get(':code')
  @Roles('csr', 'ops', 'channel')
  @ApiNotFoundResponse({ description: 'no such source code' })
  get(@Param('code') code: string) {
    return this.sourceCodes.get(code);
  }

  /** Any subset of the fields but the code; the merged code must still be consistent. */
  @Patch(':code')
  @Roles('admin')
  @ApiNotFoundResponse({ description: 'no such source code' })
  @ApiUnprocessableEntityResponse({ description: INCONSISTENT })
  update(@Param('code') code: string, @Body() request: UpdateSourceCodeRequest, @CurrentActor() actor: Actor) {
    return this.sourceCodes.update(code, request, actor);
  }
}
