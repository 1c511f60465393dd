export { type Outcome, UploadApi } from "./api";
export { UploadError } from "./errors";
export { type ChunkFile, openChunkFile, sha256File } from "./file";
export { Uploads, type UploadsDeps } from "./manager";
export { type UploadProgress, readProgress, uploadProgressSchema } from "./progress";
export { type UploadJob, type UploadResult, uploadFile } from "./uploader";
