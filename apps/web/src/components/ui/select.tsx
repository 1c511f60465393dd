"use client";

import { Check, ChevronDown } from "lucide-react";
import { Select as S } from "radix-ui";
import { cn } from "./cn";

export interface SelectOption {
  value: string;
  label: string;
}

/** A keyboard-friendly select (Radix) styled like the inputs. */
export function Select({
  value,
  onValueChange,
  options,
  placeholder,
  label,
  className,
}: {
  value: string | undefined;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  placeholder?: string;
  label: string;
  className?: string;
}) {
  return (
    <S.Root value={value} onValueChange={onValueChange}>
      <S.Trigger
        aria-label={label}
        className={cn(
          "inline-flex h-9 min-w-36 items-center justify-between gap-2 rounded-md border border-border-strong bg-surface px-3 text-sm text-fg shadow-xs",
          "focus:outline-none focus:ring-2 focus:ring-ring/30 data-[placeholder]:text-faint",
          className,
        )}
      >
        <S.Value placeholder={placeholder ?? label} />
        <S.Icon>
          <ChevronDown className="size-4 text-muted" />
        </S.Icon>
      </S.Trigger>
      <S.Portal>
        <S.Content
          position="popper"
          sideOffset={4}
          className="z-50 min-w-(--radix-select-trigger-width) overflow-hidden rounded-md border border-border bg-surface shadow-lg"
        >
          <S.Viewport className="p-1">
            {options.map((option) => (
              <S.Item
                key={option.value}
                value={option.value}
                className="relative flex cursor-default items-center rounded px-2 py-1.5 pl-7 text-sm text-fg outline-none select-none data-[highlighted]:bg-surface-2"
              >
                <S.ItemIndicator className="absolute left-2">
                  <Check className="size-3.5" />
                </S.ItemIndicator>
                <S.ItemText>{option.label}</S.ItemText>
              </S.Item>
            ))}
          </S.Viewport>
        </S.Content>
      </S.Portal>
    </S.Root>
  );
}
