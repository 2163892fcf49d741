"""Scenarios that put into a real database the situation each seed report describes.

The seeds (shared/seeds/000, 001) are reports officers counted by hand; the scenarios here
hold invented persons and places whose registries give the same numbers, so that the
figures the program computes can be checked against the seeds' own. No name of a person
or a place is taken from the seeds.
"""
