import { downloadCrashBlob } from "@/server/member-download";

export async function GET(request: Request, { params }: { params: Promise<{ crashId: string }> }) {
  return downloadCrashBlob(request, (await params).crashId, "raw");
}
