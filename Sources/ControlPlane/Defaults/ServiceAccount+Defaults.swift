import KubeAPI

extension ServiceAccount: Defaultable {
    /// ServiceAccounts have no defaults.
    public mutating func applyDefaults() {}
}
