from django import forms

# Les boutons sont écrits dans `comparaison/includes/participation.html`, montré aussi sur la
# page « Collectivité » ; ce formulaire valide ce qu'ils envoient.
CHOIX = [("oui", "Oui"), ("non", "Non")]


class ParticipationForm(forms.Form):
    participe = forms.ChoiceField(
        label="Participation à la comparaison anonyme",
        choices=CHOIX,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez si votre collectivité participe ou non.",
            "invalid_choice": "Choisissez « Oui » ou « Non ».",
        },
    )
