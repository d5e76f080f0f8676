// One rule for requests and events: the decorators live with the contracts (which cannot depend on this lib).
export { hasVisibleCharacters, IsOmittable, IsVisible, IsVisibleText } from '@oms/contracts';
