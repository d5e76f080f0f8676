import { Injectable, type PipeTransform } from '@nestjs/common';
import { fieldRejected } from '@oms/service-runtime';
import { MAX_CYCLES } from '../subscriptions/dto/create-subscription.request';

/** A cycle number in a path: 0 up to the largest maxCycles a subscription may have (422 naming `n` otherwise). */
@Injectable()
export class CycleNumberPipe implements PipeTransform<number, number> {
  transform(n: number): number {
    if (n < 0 || n >= MAX_CYCLES) throw fieldRejected('n', `n must be a cycle number from 0 to ${MAX_CYCLES - 1}`);
    return n;
  }
}
