import { Injectable } from '@nestjs/common';
import { PrismaServiceFor } from '@oms/service-runtime';
import { PrismaClient } from '../generated/prisma/client';

/** The orders service's own database (prisma/orders/schema). */
@Injectable()
export class PrismaService extends PrismaServiceFor(PrismaClient) {}
