import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

/// Acceptance 4: an acknowledged write survives `kill -9` of the control plane.
@Suite(.serialized)
struct DurabilityTests {
    @Test func killDashNine_rightAfterApply_losesNothing_andWritesContinueAfterTheLastVersion() async throws {
        let first = try await TestControlPlane.start()
        defer { first.removeData() }
        do {
            let seed = ApplyEndToEndTests.seed
            let applied = try await first.kctl("apply", "-f", seed)
            #expect(applied.status == 0, "\(applied)")
            first.process.signal(SIGKILL)
            _ = try await first.process.waitForExit()

            let second = try await TestControlPlane.start(dataDirectory: first.dataDirectory)
            do {
                let deploy = try await second.kctl("get", "deploy", "redis", "-o", "jsonpath={.metadata.resourceVersion}")
                let ds = try await second.kctl("get", "ds", "filebeat-ds", "-o", "jsonpath={.metadata.resourceVersion}")
                #expect(deploy.status == 0, "\(deploy)")
                #expect(ds.status == 0, "\(ds)")
                let versions = [Int(deploy.stdout), Int(ds.stdout)].compactMap { $0 }
                #expect(versions.count == 2)

                let again = try await second.kctl("apply", "-f", seed)
                #expect(again.stdout == "deployment.apps/redis unchanged\ndaemonset.apps/filebeat-ds unchanged\n")

                let created = try await second.kctl("apply", "-f", "-", stdin: """
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                      name: after-restart
                    """)
                #expect(created.status == 0, "\(created)")
                let rv = try await second.kctl("get", "ns", "after-restart", "-o", "jsonpath={.metadata.resourceVersion}")
                #expect((Int(rv.stdout) ?? 0) > (versions.max() ?? Int.max))
                await second.stop()
            } catch {
                await second.stop()
                throw error
            }
        } catch {
            await first.stop()
            throw error
        }
    }

    @Test func sigterm_stopsTheControlPlaneGracefully_withExitStatusZero() async throws {
        let controlPlane = try await TestControlPlane.start()
        defer { controlPlane.removeData() }
        let status = await controlPlane.stop()
        #expect(status == 0, "\(controlPlane.process.capturedOutput)")
        #expect(controlPlane.process.capturedOutput.contains("controlplane stopped"))
    }
}
