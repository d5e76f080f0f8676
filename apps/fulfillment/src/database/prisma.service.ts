import { Injectable } from '@nestjs/common';
import { PrismaServiceFor } from '@oms/service-runtime';
import { PrismaClient } from '../generated/prisma/client';

/** The fulfillment service's own database (prisma/fulfillment/schema). */
@Injectable()
export class PrismaService extends PrismaServiceFor(PrismaClient) {}
