"use client";

import dynamic from "next/dynamic";

// This boundary ships with every page; the page it shows (next/link, the button styles) is fetched
// only when an error occurs, which keeps a second copy of next/link out of every first load.
const ErrorView = dynamic(() => import("@/components/console/error-view"));

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView digest={error.digest} reset={reset} />;
}
