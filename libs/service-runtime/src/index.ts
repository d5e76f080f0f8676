// Decorator metadata must be available before any decorated class is defined.
import 'reflect-metadata';

export { BaseEnvironment } from './config/base-environment';
export { environmentValidator, InvalidConfigurationError, type ServiceDefaults } from './config/validate-environment';
export { PrismaServiceFor } from './database/prisma-service.mixin';
export { fieldValidationPipe, validationFailed, type FieldError } from './http/field-validation.pipe';
export { cardNumberErrors, CARD_NUMBER_MESSAGE, looksLikeCardNumber, luhnValid } from './http/card-number';
export { CardNumberPipe } from './http/card-number.pipe';
export { inputSafetyErrors, MAX_INPUT_DEPTH } from './http/input-safety';
export { hasVisibleCharacters, IsOmittable, IsVisible, IsVisibleText } from './http/text.decorators';
export { MAX_BODY_BYTES } from './http/request-body.middleware';
export { PageQuery, type Page } from './http/page.query';
export { paginate, type PageSource } from './http/paginate';
export { CorrelationId } from './http/correlation-id.decorator';
export { retryAfter, retryAfterOf } from './http/retry-after';
export { fieldConflict, fieldRejected, isUniqueViolation, notFound } from './http/field.exceptions';
export { CORRELATION_HEADER } from './logging/pino-options';
export { configureApp } from './bootstrap/configure-app';
export { runService, type RunServiceOptions } from './bootstrap/run-service';
export { ServiceCoreModule, type ServiceCoreOptions } from './service-core.module';
export { CLOCK, ControllableClock, SystemClock, type Clock } from './clock/clock';
export { FrequencyDto } from './http/frequency.dto';
export { ProductLineDto, ProductLines } from './http/product-line.dto';
export { ShipToDto } from './http/ship-to.dto';
export { RepeatingTask } from './timing/repeating-task';
