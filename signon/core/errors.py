"""Errors that services raise and views and commands turn into a clear answer."""


class SignonError(Exception):
    """A request that cannot be done as asked; the message is for the person asking."""


class NotFound(SignonError):
    """No such letter or sign-on."""


class WrongState(SignonError):
    """The letter or sign-on is not in a state that allows this."""
