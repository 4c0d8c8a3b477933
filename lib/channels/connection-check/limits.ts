/*
 * How many checks run at once. Each check makes its calls one after another, so this is also the
 * most connector slots a bulk check holds: 4 of the tenant's OUTBOUND_CONCURRENT_CALLS (10 by
 * default, per process) leaves room for test sends and other administrators' clicks while a
 * selection is checked, and 4 calls of a few hundred ms each keep 20 channels to a few seconds.
 */
export const BULK_CHECK_CONCURRENCY = 4;
/** Ids one bulk request may carry: the list sends its selection in chunks and shows progress between them. */
export const BULK_CHECK_MAX_IDS = 20;
