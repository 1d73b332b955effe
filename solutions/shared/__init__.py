"""The shared tensor + autograd core that learners complete across the course.

Each module holds one concept; the table in curriculum.md says which project
completes which module.
"""
