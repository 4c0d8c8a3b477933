"use client";

import { useTranslations } from "next-intl";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { cn } from "@/lib/utils";
import { useFieldError } from "./wizard-fields";
import { fieldId, PROVIDER_TILES } from "./wizard-values";

/*
 * Step 1's provider choice: one tile per variant (WhatsApp's four providers, the customer-built
 * BSP in its two verification methods, Telegram), each with the variant's one name (channels.json)
 * and one line on what it is. Native radios in a fieldset: arrow keys move and choose, Space chooses, Tab leaves.
 * A tile sets the form's own fields (channelType, provider, verificationMethod), so the schema
 * and its errors on `provider` are unchanged.
 */

interface Props {
  value: ChannelVariant | null;
  onChange: (variant: ChannelVariant) => void;
  /** Edit mode: only the channel's own tile, not changeable. */
  fixed?: boolean;
}

export function ProviderTiles({ value, onChange, fixed }: Props) {
  const t = useTranslations("channelWizard");
  const tc = useTranslations("channels");
  const { message } = useFieldError("provider");
  const id = fieldId("provider");
  const tiles = fixed ? PROVIDER_TILES.filter((tile) => tile === value) : PROVIDER_TILES;

  return (
    <fieldset id={id} className="grid min-w-0 gap-3" aria-describedby={fixed ? `${id}-description` : undefined}>
      <legend id={`${id}-legend`} className="mb-2 text-sm font-medium">
        {t("tiles.legend")}
      </legend>
      <div
        role="radiogroup"
        aria-labelledby={`${id}-legend`}
        aria-invalid={Boolean(message)}
        aria-describedby={message ? `${id}-error` : undefined}
        className="grid min-w-0 gap-3 sm:grid-cols-2 xl:grid-cols-3"
      >
        {tiles.map((tile) => {
          const checked = tile === value;
          const tileId = `provider-tile-${tile}`;
          return (
            <label
              key={tile}
              htmlFor={`${tileId}-input`}
              data-testid={tileId}
              className={cn(
                "flex min-w-0 cursor-pointer items-start gap-3 rounded-md border p-3 text-sm transition-colors",
                "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600 has-[:focus-visible]:ring-offset-2",
                checked ? "border-slate-900 bg-slate-50" : "border-slate-300 hover:border-slate-500",
                fixed && "cursor-default",
                message && "border-red-600",
              )}
            >
              <input
                id={`${tileId}-input`}
                type="radio"
                name="provider"
                value={tile}
                checked={checked}
                disabled={fixed}
                onChange={() => onChange(tile)}
                aria-labelledby={`${tileId}-name`}
                aria-describedby={`${tileId}-line`}
                className="mt-0.5 h-4 w-4 shrink-0 accent-slate-900 focus-visible:outline-none"
              />
              <span className="grid min-w-0 gap-1">
                <span id={`${tileId}-name`} className="font-semibold break-words">
                  {tc(`variants.${tile}`)}
                </span>
                <span id={`${tileId}-line`} className="text-xs break-words text-slate-600">
                  {t(`tiles.lines.${tile}`)}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      {fixed ? (
        <p id={`${id}-description`} className="text-xs text-slate-500">
          {t("information.fixed")}
        </p>
      ) : null}
      {message ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}
