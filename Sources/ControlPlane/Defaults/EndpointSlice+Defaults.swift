import KubeAPI

extension EndpointSlice: Defaultable {
    /// Each port's `name` defaults to `""` and its `protocol` to `TCP` (discovery/v1 `SetDefaults_EndpointPort`).
    public mutating func applyDefaults() {
        guard var list = ports else { return }
        for index in list.indices {
            if list[index].name == nil { list[index].name = "" }
            if list[index].protocol == nil || list[index].protocol == "" { list[index].protocol = "TCP" }
        }
        ports = list
    }
}
