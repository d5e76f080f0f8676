import { Injectable } from '@nestjs/common';
import { PrismaServiceFor } from '@oms/service-runtime';
import { PrismaClient } from '../generated/prisma/client';

/** The notifications service's own database (prisma/notifications/schema). */
@Injectable()
export class PrismaService extends PrismaServiceFor(PrismaClient) {}
