"use client";

import { type PresetId, parseRate, presetCatalog, tcRate } from "@fleetdeck/tc";
import { useState } from "react";
import { stringify } from "yaml";
import { Button } from "../ui/button";
import { Field } from "../ui/input";
import { Select } from "../ui/select";

export interface PresetParams {
  interfaces: string;
  rate: string;
  delay: string;
  jitter: string;
  loss: string;
}

export const defaultParams: PresetParams = {
  interfaces: "eth0",
  rate: "100mbit",
  delay: "40ms",
  jitter: "5ms",
  loss: "0.5%",
};

const list = (interfaces: string) =>
  interfaces
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** A preset as YAML with units written the way people write them ("100mbit", "40ms"). */
export function presetSource(id: PresetId, p: PresetParams = defaultParams): string {
  const interfaces = list(p.interfaces);
  const share = (pct: number) => tcRate(Math.floor((parseRate(p.rate) * pct) / 100));
  const rule = (() => {
    switch (id) {
      case "shapeEgress":
        return {
          interfaces,
          egress: {
            kind: "htb",
            defaultClass: "1:10",
            classes: [{ id: "1:10", rate: p.rate, qdisc: { kind: "fq_codel" } }],
          },
        };
      case "interactiveFirst":
        return {
          interfaces,
          egress: {
            kind: "htb",
            defaultClass: "1:20",
            classes: [
              {
                id: "1:1",
                rate: p.rate,
                children: [
                  {
                    id: "1:10",
                    rate: share(30),
                    ceil: p.rate,
                    prio: 0,
                    qdisc: { kind: "fq_codel" },
                  },
                  {
                    id: "1:20",
                    rate: share(50),
                    ceil: p.rate,
                    prio: 1,
                    qdisc: { kind: "fq_codel" },
                  },
                  {
                    id: "1:30",
                    rate: share(20),
                    ceil: p.rate,
                    prio: 2,
                    qdisc: { kind: "fq_codel" },
                  },
                ],
              },
            ],
            filters: [
              { kind: "u32", match: { ipProto: "tcp", dport: 22 }, target: "1:10" },
              { kind: "u32", match: { ipProto: "udp", dport: 53 }, target: "1:10" },
              { kind: "u32", match: { ipProto: "tcp", dport: 873 }, target: "1:30" },
            ],
          },
        };
      case "policeIngress":
        return {
          interfaces,
          ingress: {
            qdisc: "ingress",
            filters: [
              {
                kind: "u32",
                protocol: "all",
                actions: [{ kind: "police", rate: p.rate, burst: "64kb", exceed: "drop" }],
              },
            ],
          },
        };
      case "wanEmulation":
        return {
          interfaces,
          egress: {
            kind: "netem",
            delay: p.delay,
            jitter: p.jitter,
            distribution: "normal",
            loss: p.loss,
          },
        };
      case "cakeDiffserv4":
        return {
          interfaces,
          egress: {
            kind: "cake",
            bandwidth: p.rate,
            diffserv: "diffserv4",
            flowMode: "triple-isolate",
            rtt: "internet",
          },
        };
      default:
        return id satisfies never;
    }
  })();
  return stringify({ version: 1, rules: [rule] }, { lineWidth: 0 });
}

/** The structured form for the common cases: pick a preset, fill a few fields. */
export function PresetForm({ onApply }: { onApply: (source: string) => void }) {
  const [id, setId] = useState<PresetId>("shapeEgress");
  const [params, setParams] = useState<PresetParams>(defaultParams);
  const set = (key: keyof PresetParams) => (e: { target: { value: string } }) =>
    setParams({ ...params, [key]: e.target.value });
  const needsRate = id !== "wanEmulation";
  let problem: string | null = null;
  try {
    if (needsRate) parseRate(params.rate);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) onApply(presetSource(id, params));
      }}
    >
      <div className="space-y-1.5">
        <span className="block text-sm font-medium text-fg">Preset</span>
        <Select
          label="Preset"
          className="w-full"
          value={id}
          onValueChange={(v) => setId(v as PresetId)}
          options={presetCatalog.map((p) => ({ value: p.id, label: p.title }))}
        />
        <p className="text-sm text-muted">{presetCatalog.find((p) => p.id === id)?.description}</p>
      </div>
      <Field
        label="Interfaces"
        value={params.interfaces}
        onChange={set("interfaces")}
        hint="Names or globs, separated by commas: eth0, ens*"
      />
      {needsRate ? (
        <Field
          label={id === "cakeDiffserv4" ? "Bandwidth" : "Rate"}
          value={params.rate}
          onChange={set("rate")}
          error={problem}
          hint="tc units: 100mbit is megabits; 100mbps would be megabytes (8× more)."
        />
      ) : null}
      {id === "wanEmulation" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Delay" value={params.delay} onChange={set("delay")} />
          <Field label="Jitter" value={params.jitter} onChange={set("jitter")} />
          <Field label="Loss" value={params.loss} onChange={set("loss")} />
        </div>
      ) : null}
      <Button type="submit">Replace the spec with this preset</Button>
    </form>
  );
}
