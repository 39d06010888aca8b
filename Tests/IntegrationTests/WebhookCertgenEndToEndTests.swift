import Foundation
import KubeAPI
import TestSupport
import Testing

/// `kube-webhook-certgen`, the program the runtime provides for its image (as ingress-nginx's admission Jobs run
/// it), applied with the real kubectl on a `kctl cluster create` cluster: the `create` Job writes the Secret as its
/// ServiceAccount (RBAC grants only that), the `patch` Job puts the Secret's CA into the webhook's `caBundle`.
@Suite(.serialized, .enabled(if: kubectlOnPath != nil, "no kubectl on PATH"))
struct WebhookCertgenEndToEndTests {
    static let image = "registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.6.9"
    static let manifest = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: certgen}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: admission, namespace: certgen}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: admission, namespace: certgen}
        rules:
        - apiGroups: [""]
          resources: [secrets]
          verbs: [get, create]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: admission, namespace: certgen}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: admission}
        subjects:
        - {kind: ServiceAccount, name: admission, namespace: certgen}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: certgen-admission}
        rules:
        - apiGroups: [admissionregistration.k8s.io]
          resources: [validatingwebhookconfigurations]
          verbs: [get, update]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: certgen-admission}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: certgen-admission}
        subjects:
        - {kind: ServiceAccount, name: admission, namespace: certgen}
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata: {name: certgen-admission}
        webhooks:
        - name: validate.certgen.example
          admissionReviewVersions: [v1]
          sideEffects: None
          failurePolicy: Ignore
          clientConfig:
            service: {name: admission, namespace: certgen, path: /validate}
          rules:
          - apiGroups: [example.com]
            apiVersions: [v1]
            operations: [CREATE]
            resources: [widgets]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: create, namespace: certgen}
        spec:
          template:
            spec:
              serviceAccountName: admission
              restartPolicy: OnFailure
              containers:
              - name: create
                image: \(image)
                args: [create, "--host=admission,admission.$(POD_NAMESPACE).svc", "--namespace=$(POD_NAMESPACE)", --secret-name=certgen-admission]
                env:
                - name: POD_NAMESPACE
                  valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: patch, namespace: certgen}
        spec:
          template:
            spec:
              serviceAccountName: admission
              restartPolicy: OnFailure
              containers:
              - name: patch
                image: \(image)
                args: [patch, --webhook-name=certgen-admission, "--namespace=$(POD_NAMESPACE)", --patch-mutating=false, --secret-name=certgen-admission, --patch-failure-policy=Fail]
                env:
                - name: POD_NAMESPACE
                  valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: denied, namespace: certgen}
        spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: create
                image: \(image)
                args: [create, --host=x, --namespace=certgen, --secret-name=other]
        """

    func kubectl(_ home: ClusterHome, _ arguments: String...) async throws -> CommandResult {
        try await runCommand(
            try #require(kubectlOnPath), arguments, environment: ["HOME": home.url.path, "KUBECONFIG": ""],
            timeout: .seconds(60))
    }

    @Test func jobsWriteTheSecretAndPatchTheWebhook_asTheirServiceAccount() async throws {
        try await withClusterHome(prefix: "certgen") { home in
            let created = try await home.kctl(
                ["cluster", "create", "c1", "--nodes", "1"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")
            let manifest = home.url.appendingPathComponent("certgen.yaml")
            try Data(Self.manifest.utf8).write(to: manifest)
            let applied = try await kubectl(home, "apply", "-f", manifest.path)
            #expect(applied.status == 0, "\(applied)")
            for job in ["create", "patch"] {
                try await eventually(within: .seconds(40), poll: .milliseconds(300), "job \(job) complete") {
                    () -> Bool? in
                    let succeeded = try await kubectl(
                        home, "get", "job", job, "-n", "certgen", "-o", "jsonpath={.status.succeeded}")
                    return succeeded.stdout == "1" ? true : nil
                }
            }
            let secret = try await kubectl(home, "get", "secret", "certgen-admission", "-n", "certgen", "-o", "json")
            #expect(secret.status == 0, "\(secret)")
            let object = try JSONValue(jsonData: Data(secret.stdout.utf8))
            let ca = try #require(object[path: ["data", "ca"]]?.stringValue)
            for key in ["ca", "cert", "key"] {
                let pem = object[path: ["data", key]]?.stringValue.flatMap { Data(base64Encoded: $0) }
                    .map { String(decoding: $0, as: UTF8.self) }
                #expect(pem?.hasPrefix("-----BEGIN ") == true, "\(key): \(secret.stdout)")
            }
            let webhook = try await kubectl(
                home, "get", "validatingwebhookconfiguration", "certgen-admission", "-o",
                "jsonpath={.webhooks[0].clientConfig.caBundle} {.webhooks[0].failurePolicy}")
            #expect(webhook.stdout == "\(ca) Fail", "\(webhook)")

            // The default ServiceAccount may not create Secrets: the job fails, saying so in its log.
            try await eventually(within: .seconds(30), poll: .milliseconds(300), "job denied failed") { () -> Bool? in
                let failed = try await kubectl(home, "get", "job", "denied", "-n", "certgen", "-o", "jsonpath={.status.failed}")
                return failed.stdout == "1" ? true : nil
            }
            let logs = try await kubectl(home, "logs", "job/denied", "-n", "certgen")
            #expect(logs.stdout.contains("forbidden"), "\(logs)")
            let other = try await kubectl(home, "get", "secret", "other", "-n", "certgen")
            #expect(other.status != 0, "\(other)")
            _ = try await home.kctl(["cluster", "delete", "c1"], defaultKubeconfig: true)
        }
    }
}
