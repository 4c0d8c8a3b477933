"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/guard/actions";
import { draftData, type WizardStep, type WizardValues } from "./wizard-values";

export type DraftStatus = "idle" | "saving" | "saved" | "failed";

export const DRAFT_DEBOUNCE_MS = 1000;

interface Options {
  channelId?: string;
  /** Edits: the channel version the edit started from, kept with the draft. */
  version?: number;
  /** The values now (read when a draft is written). */
  read: () => WizardValues;
  saveDraft: (input: { channelId?: string; version?: number; step: WizardStep; data: WizardValues }) => Promise<ActionResult<void>>;
  initialStep: WizardStep;
}

/**
 * Keeps the wizard's unsaved work on the server: on every step change, and about a second after
 * typing stops. Secrets are stripped before anything leaves the browser. Nothing is written when
 * nothing changed since the last draft, so merely opening the wizard leaves no draft behind.
 */
export function useDraftAutosave({ channelId, version, read, saveDraft, initialStep }: Options) {
  const [status, setStatus] = useState<DraftStatus>("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const lastWritten = useRef<string | null>(null);
  const paused = useRef(false);
  const step = useRef<WizardStep>(initialStep);

  const snapshot = useCallback(() => {
    const data = draftData(read());
    return { data, json: JSON.stringify({ step: step.current, data }) };
  }, [read]);

  // What the page opened with counts as written: opening the wizard is not a change.
  useEffect(() => {
    if (lastWritten.current === null) lastWritten.current = snapshot().json;
  }, [snapshot]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    if (paused.current) return;
    const { data, json } = snapshot();
    if (json === lastWritten.current) return;
    lastWritten.current = json;
    setStatus("saving");
    const run = saveDraft({ channelId, version, step: step.current, data }).then(
      (result) => {
        if (!result.ok) lastWritten.current = null;
        setStatus(result.ok ? "saved" : "failed");
      },
      () => {
        lastWritten.current = null;
        setStatus("failed");
      },
    );
    inFlight.current = run;
    await run;
  }, [channelId, version, saveDraft, snapshot]);

  const schedule = useCallback(() => {
    if (paused.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DRAFT_DEBOUNCE_MS);
  }, [flush]);

  /** The wizard moved to another step: write the draft now. */
  const stepChanged = useCallback(
    (next: WizardStep) => {
      step.current = next;
      void flush();
    },
    [flush],
  );

  /** Stop writing (before a save or a discard) and wait for a write under way, so it cannot land afterwards. */
  const pause = useCallback(async () => {
    paused.current = true;
    clearTimeout(timer.current);
    await inFlight.current;
  }, []);

  /** Write again; with `rebase`, the values now count as written (after a discard). */
  const resume = useCallback(
    (options: { rebase?: WizardStep } = {}) => {
      paused.current = false;
      if (options.rebase !== undefined) {
        step.current = options.rebase;
        lastWritten.current = snapshot().json;
        setStatus("idle");
      }
    },
    [snapshot],
  );

  useEffect(() => () => clearTimeout(timer.current), []);

  return { status, schedule, stepChanged, flush, pause, resume };
}
