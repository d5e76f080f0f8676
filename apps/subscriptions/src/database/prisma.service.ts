import { Injectable } from '@nestjs/common';
import { PrismaServiceFor } from '@oms/service-runtime';
import { PrismaClient } from '../generated/prisma/client';

/** The subscriptions service's own database (prisma/subscriptions/schema). */
@Injectable()
export class PrismaService extends PrismaServiceFor(PrismaClient) {}
