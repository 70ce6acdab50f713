"""Verification: does the evidence support, contradict, leave open or not concern a claim?"""
