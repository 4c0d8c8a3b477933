export { refusedRange } from "./address-policy";
export { connectTls, type ConnectTlsOptions } from "./connect-tls";
export { OutboundConnectError, OutboundLimitError, OutboundResponseTooLargeError } from "./errors";
export { DEFAULT_OUTBOUND_TIMEOUT_MS, outboundTimeoutMs, type OutboundScope } from "./guarded-call";
export { DEFAULT_OUTBOUND_LIMITS, OutboundLimiter, outboundLimitPolicy, type OutboundLimitPolicy } from "./limits";
export { request, type OutboundRequest, type OutboundResponse } from "./request";
export { resolveAndCheck, type CheckedTarget, type CheckResult, type HostLookup, type ResolvedAddress } from "./resolve";
export { outboundLimiter, outboundScope } from "./scope";
export { defaultTrustAnchors } from "./trust";
