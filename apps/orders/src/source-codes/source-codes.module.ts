import { Module } from '@nestjs/common';
import { SourceCodesHttpController } from './source-codes.http.controller';
import { SourceCodesService } from './source-codes.service';

/** Source codes (AX call center): the catalog of codes and the check an order's code must pass. */
@Module({
  controllers: [SourceCodesHttpController],
  providers: [SourceCodesService],
  exports: [SourceCodesService],
})
export class SourceCodesModule {}
