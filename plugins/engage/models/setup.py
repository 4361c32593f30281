"""What the press office prepares: reply templates (per topic, some for crises) and watch words."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from plugins.engage import keywords


class ReplyTemplate(models.Model):
    title = models.CharField(_("title"), max_length=120)
    topic = models.ForeignKey(
        "core.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("text"))
    is_crisis = models.BooleanField(
        _("crisis template"),
        default=False,
        help_text=_("For an emergency (an outage, an accident): shown first and marked in the picker."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-is_crisis", "title"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self):
        return self.title


class WatchWord(models.Model):
    """A word or phrase that alerts the press office when a comment or message contains it."""

    word = models.CharField(
        _("word or phrase"),
        max_length=100,
        unique=True,
        help_text=_("Found regardless of case and Polish diacritics, as whole words."),
    )
    inflected = models.BooleanField(
        _("also other forms"),
        default=True,
        help_text=_(
            "Also find inflected forms: “awaria” finds “awarii” and “awarią”, “wypadek” finds “wypadku”."
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("watch word")
        verbose_name_plural = _("watch words")

    def __str__(self):
        return self.word

    @property
    def matches(self):
        """How the word is matched, for the list: the stems with "…" when inflected."""
        pattern = keywords.Pattern(self.word, self.inflected)
        return " ".join(f"{part}…" if self.inflected else part for part in pattern.parts)
