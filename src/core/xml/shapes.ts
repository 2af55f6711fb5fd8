// The XML the client reads and writes beyond a plain upload (multipart, listings, processing answers), imported on
// first use through `xmlShapes()` so that a page uploading small files never loads it
// (docs/bundle-size.md#what-waits-for-its-first-use).
import {
  readXmlResponse, mapCompleteMultipartUpload, mapInitiateMultipartUpload, mapListMultipartUploads, mapListParts,
  mapUploadResult,
} from './responses.js';
import { buildCompleteMultipartUploadXml } from './build.js';
import { mapListObjects } from './list-objects.js';

// One object rather than the module's namespace: the bundler would build a namespace object (and load its runtime
// helper) for a module whose chunk also serves others.
export const shapes = {
  readXmlResponse, mapCompleteMultipartUpload, mapInitiateMultipartUpload, mapListMultipartUploads, mapListParts,
  mapUploadResult, buildCompleteMultipartUploadXml, mapListObjects,
};
