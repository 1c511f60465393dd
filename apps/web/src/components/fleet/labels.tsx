import { Badge } from "../ui/badge";

export function LabelList({ labels, max = 4 }: { labels: Record<string, string>; max?: number }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="text-faint">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {entries.slice(0, max).map(([k, v]) => (
        <Badge key={k} className="font-mono font-normal">
          {k}={v}
        </Badge>
      ))}
      {entries.length > max ? <Badge>+{entries.length - max}</Badge> : null}
    </span>
  );
}
