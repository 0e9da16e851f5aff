print("caunoi")
