print("kubeletd")
