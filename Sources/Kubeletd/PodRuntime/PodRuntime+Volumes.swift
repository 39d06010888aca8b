import Foundation
import KubeAPI
import Wire

extension PodRuntime {
    /// One pod's volumes, as the runtime tracks them.
    struct VolumeState: Sendable, Hashable {
        /// Whether they are set up for the current inputs (false: set them up again at the next pass).
        var isCurrent = false
        /// What their content depends on (``VolumeDependency``): a change of one of these sets them up again.
        var dependencies: Set<VolumeDependency> = []
        /// The volumes set up at least once.
        var mounted: Set<String> = []
        /// The last `FailedMount` message recorded per volume (a repeat is not recorded again).
        var reported: [String: String] = [:]
        /// Projected sources written without content, per volume (noted on the containers that mount them).
        var pending: [String: [String]] = [:]
    }

    /// Sets up (or refreshes) the volumes of the pod `key` when what they project may have changed, and holds its
    /// containers while a volume cannot be set up; returns the `FailedMount` Events to record. A terminating pod's
    /// volumes are left as they are.
    func prepareVolumes(_ key: String, _ lifecycle: inout PodLifecycle, now: Date) -> [PodEventRecord] {
        guard !lifecycle.isTerminating else {
            lifecycle.isWaitingForVolumes = false
            return []
        }
        var state = volumeStates[key] ?? VolumeState()
        guard !state.isCurrent else { return [] }
        state.isCurrent = true
        let podVolumes = PodVolume.volumes(of: lifecycle.pod)
        state.dependencies = VolumeDependency.of(
            podVolumes, namespace: lifecycle.identity.namespace, uid: lifecycle.identity.uid)
        guard !podVolumes.isEmpty else {
            volumeStates[key] = state
            return []
        }
        let uid = lifecycle.identity.uid
        let inputs = VolumePayload.Inputs(
            objects: objects, allocatable: allocatable, tokens: objects.tokens[uid] ?? [:],
            tokenFailures: objects.tokenFailures[uid] ?? [])
        let outcome = volumes.setUp(lifecycle.pod, inputs: inputs, mounted: state.mounted, now: now)
        state.mounted = outcome.mounted
        state.pending = outcome.pending
        var events: [PodEventRecord] = []
        for (volume, message) in outcome.failures.sorted(by: { $0.key < $1.key }) where state.reported[volume] != message {
            state.reported[volume] = message
            let event = ContainerEvent(type: "Warning", reason: "FailedMount", message: message)
            events.append(PodEventRecord(pod: lifecycle.identity, fieldPath: "", event: event, time: now))
        }
        lifecycle.isWaitingForVolumes = !outcome.isReady
        volumeStates[key] = state
        return events
    }

    /// `launch` with its container's mounts (``ContainerMounts``; missing subPath directories are created), and
    /// notes for what its mounts do not show.
    func mounting(_ launch: ContainerLaunch, in pod: Pod?) -> ContainerLaunch {
        guard let pod,
            let container = (pod.spec.containers + (pod.spec.initContainers ?? [])).first(where: {
                $0.name == launch.container
            }),
            !(container.volumeMounts ?? []).isEmpty
        else { return launch }
        var launch = launch
        let podVolumes = PodVolume.volumes(of: pod)
        let podDirectory = directories.podDirectory(launch.pod)
        let (mounts, notes) = ContainerMounts.make(
            container: container, volumes: podVolumes, podDirectory: podDirectory, environment: launch.environment)
        volumes.createSubPaths(of: mounts, volumes: podVolumes, podDirectory: podDirectory)
        launch.mounts = mounts
        launch.notes += notes
        let pending = volumeStates[launch.pod.key]?.pending ?? [:]
        for mount in mounts {
            for source in pending[mount.volume] ?? [] {
                launch.notes.append(
                    "volume \(mount.volume): \(source) is pending (not obtained or not projected); its file is missing")
            }
        }
        return launch
    }
}
