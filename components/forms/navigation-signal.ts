import { unstable_rethrow } from "next/navigation";

/** Next's redirect() and notFound() signals (what unstable_rethrow lets through), not failures. */
export function isNavigation(error: unknown): boolean {
  try {
    unstable_rethrow(error);
    return false;
  } catch {
    return true;
  }
}
