export { ROLES, ANY_ROLE, isRole, type Role } from './roles';
export { actorOfEvent, channelActor, systemActor, type Actor } from './actor';
export { JWKS_PATH, LOCAL_AUDIENCE, LOCAL_ISSUER, LOCAL_JWKS_PORT, type AuthOptions } from './auth-options';
export {
  ALLOWED_ROLES, BEARER_SCHEME, CurrentActor, IS_PUBLIC, PUBLIC_EXTENSION, Public, ROLES_EXTENSION, Roles,
} from './auth.decorators';
export { forbidden, unauthorized } from './auth.errors';
export { AuthGuard } from './auth.guard';
export { AuthModule } from './auth.module';
export { TokenVerifier } from './token.verifier';
export {
  assertActsFor, customerScope, inCustomerScope, inRecordScope, recordScope, type CustomerOwned, type RecordOwner,
} from './customer-scope';
