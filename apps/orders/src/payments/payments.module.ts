import { Module } from '@nestjs/common';
import { OrderAuthorizer } from './authorization/order-authorizer.service';
import { PaymentSettlement } from './authorization/payment-settlement.service';
import { PendingAuthorizations } from './authorization/pending-authorizations';
import { ShipmentCapture } from './authorization/shipment-capture.service';
import { DunningCases } from './dunning/dunning-cases';
import { PaymentLedger } from './ledger/payment-ledger';
import { PaymentMethodsService } from './methods/payment-methods.service';
import { PAYMENT_PROVIDER } from './provider/payment-provider';
import { TestPaymentProvider } from './provider/test-payment.provider';
import { PaymentSettingsHttpController } from './settings/payment-settings.http.controller';
import { PaymentSettingsService } from './settings/payment-settings.service';

/**
 * Payments below the order flow: the provider (the embedded test provider;
 * bind another class to PAYMENT_PROVIDER for a real one), stored cards,
 * settings, the payment ledger, authorization and settlement.
 */
@Module({
  controllers: [PaymentSettingsHttpController],
  providers: [
    { provide: PAYMENT_PROVIDER, useClass: TestPaymentProvider },
    PaymentLedger, PaymentMethodsService, PaymentSettingsService, OrderAuthorizer, PaymentSettlement, DunningCases, PendingAuthorizations, ShipmentCapture,
  ],
  exports: [PAYMENT_PROVIDER, PaymentLedger, PaymentMethodsService, PaymentSettingsService, OrderAuthorizer, PaymentSettlement, DunningCases, PendingAuthorizations, ShipmentCapture],
})
export class PaymentsModule {}
