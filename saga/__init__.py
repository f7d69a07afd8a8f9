"""saga: analysis code for an executable book on how the Chinese-language press told the
story of Elon Musk, Sam Altman and OpenAI."""

__version__ = "0.1.0"
