/**
 * One large multi-document manifest file (~46 MB of Deployments, Services and ConfigMaps), all valid
 * or with one invalid document at the very end: what an error in a huge file costs compared with the
 * same file when it is valid. Written for `npm run bench -- --big-file`.
 */
import { writeFileSync } from 'node:fs';

export const BIG_FILE_TARGET_BYTES = 46 * 1024 * 1024;

function deployment(i: number, replicas: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: team-${i % 50}
  labels:
    app.kubernetes.io/name: web-${i}
    app.kubernetes.io/part-of: shop
  annotations:
    description: "Deployment number ${i}: a |block| of text with 'quotes' and # no comment"
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: web-${i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web-${i}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:${i % 97}.${i % 13}.0
          args: ["--port=8080", "--log-level=info"]
          ports:
            - containerPort: 8080
              name: http
          resources:
            limits: { cpu: 500m, memory: 256Mi }
            requests: { cpu: 100m, memory: 128Mi }
          env:
            - name: GREETING
              value: |
                hello
                ---
                not a document marker (indented)
`;
}

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: web-${i}
  namespace: team-${i % 50}
spec:
  selector:
    app.kubernetes.io/name: web-${i}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

function configMap(i: number): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-${i}-config
  namespace: team-${i % 50}
data:
  app.properties: |
    greeting=hello ${i}
    timeout=30s
  level: "info"
`;
}

/**
 * Writes the file; with `invalid`, the last document is a Deployment whose `replicas` is a string.
 * Returns the number of documents and bytes written.
 */
export function writeBigManifest(file: string, invalid: boolean, targetBytes = BIG_FILE_TARGET_BYTES): { documents: number; bytes: number } {
  const parts: string[] = [];
  let bytes = 0;
  let documents = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    for (const doc of [deployment(i, '2'), service(i), configMap(i)]) {
      parts.push(doc);
      bytes += doc.length + 4;
      documents++;
    }
  }
  parts.push(deployment(999_999, invalid ? '"three"' : '3'));
  documents++;
  const text = parts.join('---\n');
  writeFileSync(file, text);
  return { documents, bytes: Buffer.byteLength(text) };
}
