import Cases
print("caunoi")
