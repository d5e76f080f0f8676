import { Injectable } from '@nestjs/common';
import { PrismaServiceFor } from '@oms/service-runtime';
import { PrismaClient } from '../generated/prisma/client';

/** The catalog service's own database (prisma/catalog/schema). */
@Injectable()
export class PrismaService extends PrismaServiceFor(PrismaClient) {}
