print("kiosk-bench: placeholder")
