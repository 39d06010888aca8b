print("controlplane")
