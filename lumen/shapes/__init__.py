"""The representations both sides answer with: a profile and a photo as everyone who may
see them sees them, and the parts the owner's views share with those (a specialty, a
place, the role attributes). Plain values: the commands, the read models and the queries
all import them, and they import none of those."""
