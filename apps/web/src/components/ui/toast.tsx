"use client";

import { X } from "lucide-react";
import { Toast as T } from "radix-ui";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { cn } from "./cn";

type Tone = "info" | "success" | "error";
interface ToastItem {
  id: number;
  title: string;
  description?: string;
  tone: Tone;
}

const ToastContext = createContext<((toast: Omit<ToastItem, "id">) => void) | null>(null);

const toneClasses: Record<Tone, string> = {
  info: "border-border",
  success: "border-ok/50",
  error: "border-danger/60",
};

/** Transient messages ("Copied", "Role changed"), announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const push = useCallback((toast: Omit<ToastItem, "id">) => {
    setToasts((list) => [...list.slice(-3), { ...toast, id: Date.now() + Math.random() }]);
  }, []);
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      <T.Provider swipeDirection="right" duration={5000}>
        {children}
        {toasts.map((toast) => (
          <T.Root
            key={toast.id}
            onOpenChange={(open) => {
              if (!open) setToasts((list) => list.filter((t) => t.id !== toast.id));
            }}
            className={cn(
              "relative rounded-md border bg-surface p-3 pr-9 shadow-lg",
              toneClasses[toast.tone],
            )}
          >
            <T.Title className="text-sm font-medium text-fg">{toast.title}</T.Title>
            {toast.description ? (
              <T.Description className="mt-0.5 text-sm text-muted">
                {toast.description}
              </T.Description>
            ) : null}
            <T.Close
              className="absolute top-2.5 right-2.5 text-muted hover:text-fg"
              aria-label="Dismiss"
            >
              <X className="size-4" />
            </T.Close>
          </T.Root>
        ))}
        <T.Viewport className="fixed right-4 bottom-4 z-[60] flex w-[calc(100vw-2rem)] max-w-sm flex-col gap-2 outline-none" />
      </T.Provider>
    </ToastContext.Provider>
  );
}

export function useToast() {
  const push = useContext(ToastContext);
  if (!push) throw new Error("useToast needs a <ToastProvider> above it");
  return push;
}
