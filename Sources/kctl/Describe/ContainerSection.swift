import Foundation
import KubeAPI
import Wire

/// kubectl's `describeContainers`: the `Containers:` (or `Init Containers:`) section of pods and pod templates.
enum ContainerSection {
    /// Writes `<space><label>:` then each container. `statuses` are the pod's container statuses (empty for a
    /// template); `pod` resolves `fieldRef` environment values (nil for a template, which prints them empty);
    /// `space` is `"  "` inside a pod template, which also indents container names by one more space.
    static func write(
        _ label: String, containers: [JSONValue], statuses: [JSONValue], pod: JSONValue?, space: String,
        into w: inout DescribeWriter, timeZone: TimeZone
    ) {
        var byName: [String: JSONFields] = [:]
        for status in statuses.map(JSONFields.init) { byName[status.string("name") ?? ""] = status }
        w.write(0, "\(space)\(label):\(containers.isEmpty ? " <none>" : "")\n")
        for container in containers {
            let c = JSONFields(container)
            let status = byName[c.string("name") ?? ""]
            basicInfo(c, status: status, space: space, into: &w)
            command(c, into: &w)
            if let status { state(status, into: &w, timeZone: timeZone) }
            resources(c.value("resources"), level: 2, into: &w)
            ContainerEnvironment.probes(c, into: &w)
            if !c.array("envFrom").isEmpty { ContainerEnvironment.envFrom(c, into: &w) }
            ContainerEnvironment.env(c, pod: pod, into: &w)
            mounts(c, into: &w)
        }
    }

    private static func basicInfo(_ c: JSONFields, status: JSONFields?, space: String, into w: inout DescribeWriter) {
        w.write(1, "\(space.isEmpty ? "" : " ")\(c.string("name") ?? ""):\n")
        if let status { w.write(2, "Container ID:\t\(status.string("containerID") ?? "")\n") }
        w.write(2, "Image:\t\(c.string("image") ?? "")\n")
        if let status { w.write(2, "Image ID:\t\(status.string("imageID") ?? "")\n") }
        let ports = c.array("ports").map(JSONFields.init)
        let containerPorts = portList(ports, field: "containerPort")
        let hostPorts = portList(ports, field: "hostPort")
        w.write(2, containerPorts.contains(",") ? "Ports:\t\(containerPorts)\n" : "Port:\t\(orNone(containerPorts))\n")
        w.write(2, hostPorts.contains(",") ? "Host Ports:\t\(hostPorts)\n" : "Host Port:\t\(orNone(hostPorts))\n")
        if let profile = c.string("securityContext", "seccompProfile", "type") {
            w.write(2, "SeccompProfile:\t\(profile)\n")
            if profile == "Localhost" {
                w.write(3, "LocalhostProfile:\t\(c.string("securityContext", "seccompProfile", "localhostProfile") ?? "")\n")
            }
        }
    }

    /// `80/TCP, 443/TCP` from `containerPort` or `hostPort` (0 when unset); kubectl 1.32 does not show port names.
    private static func portList(_ ports: [JSONFields], field: String) -> String {
        ports.map { port in "\(port.int(field) ?? 0)/\(port.string("protocol") ?? "")" }.joined(separator: ", ")
    }

    private static func command(_ c: JSONFields, into w: inout DescribeWriter) {
        for (title, key) in [("Command", "command"), ("Args", "args")] {
            let items = c.array(key).compactMap(\.stringValue)
            guard !items.isEmpty else { continue }
            w.write(2, "\(title):\n")
            for item in items {
                for line in item.split(separator: "\n", omittingEmptySubsequences: false) { w.write(3, "\(line)\n") }
            }
        }
    }

    private static func state(_ status: JSONFields, into w: inout DescribeWriter, timeZone: TimeZone) {
        describeState("State", status.value("state"), into: &w, timeZone: timeZone)
        if status.value("lastState", "terminated")?.objectValue != nil {
            describeState("Last State", status.value("lastState"), into: &w, timeZone: timeZone)
        }
        w.write(2, "Ready:\t\(status.bool("ready") == true ? "True" : "False")\n")
        w.write(2, "Restart Count:\t\(status.int("restartCount") ?? 0)\n")
    }

    /// `describeStatus`: Running with its start, Waiting with its reason, or Terminated with reason, message, exit
    /// code, signal and times; no state at all reads as Waiting.
    private static func describeState(_ name: String, _ state: JSONValue?, into w: inout DescribeWriter, timeZone: TimeZone) {
        let s = JSONFields(state ?? .null)
        if s.value("running")?.objectValue != nil {
            w.write(2, "\(name):\tRunning\n")
            w.write(3, "Started:\t\(DescribeTime.rfc1123Z(s.string("running", "startedAt"), in: timeZone))\n")
        } else if s.value("waiting")?.objectValue != nil {
            w.write(2, "\(name):\tWaiting\n")
            if let reason = s.string("waiting", "reason"), !reason.isEmpty { w.write(3, "Reason:\t\(reason)\n") }
        } else if s.value("terminated")?.objectValue != nil {
            w.write(2, "\(name):\tTerminated\n")
            if let reason = s.string("terminated", "reason"), !reason.isEmpty { w.write(3, "Reason:\t\(reason)\n") }
            if let message = s.string("terminated", "message"), !message.isEmpty { w.write(3, "Message:\t\(message)\n") }
            w.write(3, "Exit Code:\t\(s.int("terminated", "exitCode") ?? 0)\n")
            if let signal = s.int("terminated", "signal"), signal > 0 { w.write(3, "Signal:\t\(signal)\n") }
            w.write(3, "Started:\t\(DescribeTime.rfc1123Z(s.string("terminated", "startedAt"), in: timeZone))\n")
            w.write(3, "Finished:\t\(DescribeTime.rfc1123Z(s.string("terminated", "finishedAt"), in: timeZone))\n")
        } else {
            w.write(2, "\(name):\tWaiting\n")
        }
    }

    /// `describeResources`: `Limits:` then `Requests:`, each resource on its own line, names sorted.
    static func resources(_ resources: JSONValue?, level: Int, into w: inout DescribeWriter) {
        for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
            guard let list = resources?[key]?.objectValue, !list.isEmpty else { continue }
            w.write(level, "\(title):\n")
            for name in list.keys.sorted() {
                w.write(level + 1, "\(name):\t\(quantityText(list[name]))\n")
            }
        }
    }

    /// A quantity as written (`Quantity.String()` keeps the text it was parsed from).
    static func quantityText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        case .double(let d)?: return Quantity(json: .double(d))?.description ?? String(d)
        default: return "0"
        }
    }

    private static func mounts(_ c: JSONFields, into w: inout DescribeWriter) {
        let mounts = c.array("volumeMounts").map(JSONFields.init)
        let none = mounts.isEmpty ? "\t<none>" : ""
        w.write(2, "Mounts:\(none)\n")
        for mount in mounts.enumerated().sorted(by: { a, b in
            let pa = a.element.string("mountPath") ?? "", pb = b.element.string("mountPath") ?? ""
            return pa != pb ? pa < pb : a.offset < b.offset
        }).map(\.element) {
            var flags = [mount.bool("readOnly") == true ? "ro" : "rw"]
            if let subPath = mount.string("subPath"), !subPath.isEmpty { flags.append("path=" + GoQuote.quote(subPath)) }
            w.write(3, "\(mount.string("mountPath") ?? "") from \(mount.string("name") ?? "") (\(flags.joined(separator: ",")))\n")
        }
        let devices = c.array("volumeDevices").map(JSONFields.init)
        guard !devices.isEmpty else { return }
        w.write(2, "Devices:\(none)\n")
        for device in devices.sorted(by: { ($0.string("devicePath") ?? "") < ($1.string("devicePath") ?? "") }) {
            w.write(3, "\(device.string("devicePath") ?? "") from \(device.string("name") ?? "")\n")
        }
    }

    private static func orNone(_ text: String) -> String { text.isEmpty ? "<none>" : text }
}
