import Foundation
import KubeAPI
import TestSupport
import Testing

/// What a pod's containers see from the API, with the real kubectl on a `kctl cluster create` cluster: a ConfigMap
/// volume's files and a Secret's variable through `kubectl exec`, an update of the ConfigMap reaching the file, and
/// pods naming a ConfigMap that does not exist yet (CreateContainerConfigError for a variable, ContainerCreating
/// with FailedMount for a volume) starting once it is created.
@Suite(.serialized, .enabled(if: KubectlSession.executable != nil, "no kubectl on PATH"))
struct PodConfigEndToEndTests {
    static let readerPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: reader
          labels: {app: reader}
        spec:
          containers:
          - name: app
            image: busybox:1.36
            command: ["sleep", "3600"]
            env:
            - name: PASSWORD
              valueFrom:
                secretKeyRef: {name: app-secret, key: password}
            envFrom:
            - configMapRef: {name: app-config}
              prefix: CFG_
            volumeMounts:
            - {name: config, mountPath: /etc/app}
            - {name: secret, mountPath: /etc/secret}
            - {name: info, mountPath: /etc/info}
          volumes:
          - name: config
            configMap: {name: app-config}
          - name: secret
            secret:
              secretName: app-secret
              items: [{key: password, path: db/password, mode: 0440}]
          - name: info
            downwardAPI:
              items:
              - {path: labels, fieldRef: {fieldPath: metadata.labels}}
        """

    static let waitingPods = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: env-waiter
        spec:
          containers:
          - name: app
            image: busybox:1.36
            command: ["sleep", "3600"]
            env:
            - name: MODE
              valueFrom:
                configMapKeyRef: {name: late-config, key: mode}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: volume-waiter
        spec:
          containers:
          - name: app
            image: busybox:1.36
            command: ["sleep", "3600"]
            volumeMounts:
            - {name: files, mountPath: /etc/late}
          volumes:
          - name: files
            configMap: {name: late-files}
        """

    @Test func configMapVolumeAndSecretEnv_reachTheContainer_andUpdatesReachTheFile() async throws {
        try await KubectlSession.withCluster("podconfig", nodes: 1) { kubectl in
            let configMap = try await kubectl("create", "configmap", "app-config", "--from-literal=greeting=hello")
            #expect(configMap.status == 0, "\(configMap)")
            let secret = try await kubectl("create", "secret", "generic", "app-secret", "--from-literal=password=s3cr3t")
            #expect(secret.status == 0, "\(secret)")
            let applied = try await kubectl("apply", "-f", try kubectl.file("reader.yaml", Self.readerPod))
            #expect(applied.stdout == "pod/reader created\n", "\(applied)")
            try await kubectl.until("reader Running", "get", "pod", "reader") { $0.stdout.contains(" Running ") }

            let path = "/etc/app/greeting"
            let read = try await kubectl("exec", "reader", "--", "cat", path)
            #expect(read.status == 0 && read.stdout == "hello", "\(read)")
            let variables = try await kubectl("exec", "reader", "--", "sh", "-c", "echo $PASSWORD $CFG_greeting")
            #expect(variables.stdout == "s3cr3t hello\n", "\(variables)")
            let files = try await kubectl(
                "exec", "reader", "--", "sh", "-c",
                "cat /etc/secret/db/password; echo; cat /etc/info/labels; echo; "
                    + "cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; "
                    + "head -c 3 /var/run/secrets/kubernetes.io/serviceaccount/token")
            #expect(files.stdout == "s3cr3t\napp=\"reader\"\ndefault\neyJ", "\(files)")

            let patched = try await kubectl(
                "patch", "configmap", "app-config", "--type=merge", "-p", #"{"data":{"greeting":"bonjour"}}"#)
            #expect(patched.status == 0, "\(patched)")
            try await kubectl.until("the update in the file", within: .seconds(10), "exec", "reader", "--", "cat", path) {
                $0.stdout == "bonjour"
            }
        }
    }

    @Test func missingConfigMap_holdsThePod_untilItIsCreated() async throws {
        try await KubectlSession.withCluster("podwait", nodes: 1) { kubectl in
            let applied = try await kubectl("apply", "-f", try kubectl.file("waiters.yaml", Self.waitingPods))
            #expect(applied.stdout == "pod/env-waiter created\npod/volume-waiter created\n", "\(applied)")
            try await kubectl.until("env-waiter in CreateContainerConfigError", "get", "pod", "env-waiter") {
                $0.stdout.contains(" 0/1 ") && $0.stdout.contains(" CreateContainerConfigError ")
            }
            let message = try await kubectl(
                "get", "pod", "env-waiter", "-o", "jsonpath={.status.containerStatuses[0].state.waiting.message}")
            #expect(message.stdout == #"configmap "late-config" not found"#, "\(message)")
            try await kubectl.until(
                "FailedMount for volume-waiter", "get", "events", "--field-selector",
                "involvedObject.name=volume-waiter,reason=FailedMount", "-o", "jsonpath={.items[*].message}"
            ) { $0.stdout == #"MountVolume.SetUp failed for volume "files" : configmap "late-files" not found"# }
            let waiting = try await kubectl("get", "pod", "volume-waiter")
            #expect(waiting.stdout.contains(" ContainerCreating "), "\(waiting)")

            #expect(try await kubectl("create", "configmap", "late-config", "--from-literal=mode=fast").status == 0)
            #expect(try await kubectl("create", "configmap", "late-files", "--from-literal=a=1").status == 0)
            for pod in ["env-waiter", "volume-waiter"] {
                try await kubectl.until("\(pod) Running", "get", "pod", pod) { $0.stdout.contains(" 1/1 ") && $0.stdout.contains(" Running ") }
            }
            let mode = try await kubectl("exec", "env-waiter", "--", "sh", "-c", "echo $MODE")
            #expect(mode.stdout == "fast\n", "\(mode)")
        }
    }
}
