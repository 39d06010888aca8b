#ifndef KCLUSTER_CSANDBOX_H
#define KCLUSTER_CSANDBOX_H

/// The sandbox launcher of kubeletd's emulated container runtime (sandbox.c). It runs from an ELF constructor,
/// before the Swift runtime starts any thread, when kubeletd is started as `kubeletd __sandbox ...`; Swift only
/// builds its arguments (SandboxPlan) and calls this to make sure the object file is linked.
/// Returns 1.
int kcluster_sandbox_linked(void);

#endif
