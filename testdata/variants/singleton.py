"""A second singleton action: profiles/me/ (GET and PATCH, the caller's own profile, made on
first use), under the endpoint's own permission."""
from cases_lib import *  # noqa: F401,F403
from _common import OPTIONS

REFERENCE_EDITS = [("store/views.py", '''    def get_queryset(self):
        return Profile.objects.filter(user=self.request.user)
''', '''    def get_queryset(self):
        return Profile.objects.filter(user=self.request.user)

    @action(detail=False, methods=["GET", "PATCH"])
    def me(self, request):
        profile, _created = Profile.objects.get_or_create(user=request.user)
        if request.method == "GET":
            return Response(ProfileSerializer(profile).data)
        serializer = ProfileSerializer(profile, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)
''')]
SPEC_EDITS = [("""    scope: user
""", """    scope: user
    actions:
      me: {detail: false, methods: [GET, PATCH], singleton: user}
""")]

SCENARIOS = [
    scenario("singleton.profiles_me", "hidden", "profiles", [
        user("alice"), user("bob"),
        GET("/store/profiles/me/", name="anonymous me"),
        GET("/store/profiles/me/", "alice", capture={"prof": "id"}, name="first GET makes the profile"),
        GET("/store/profiles/", "alice", name="it is in her list"),
        PATCH("/store/profiles/me/", "alice", {"dob": "2001-02-31"}, name="bad date"),
        PATCH("/store/profiles/me/", "alice", {"dob": "2001-02-03", "bio": None}, name="patch"),
        GET("/store/profiles/me/", "alice", name="again"),
        PUT("/store/profiles/me/", "alice", {"bio": "x"}, name="PUT not allowed"),
        DELETE("/store/profiles/me/", "alice", name="DELETE not allowed"),
        OPTIONS("/store/profiles/me/", "alice", name="options"),
        PATCH("/store/profiles/me/", "bob", {"bio": "bob's"}, name="bob's first PATCH makes his"),
        GET("/store/profiles/{prof}/", "bob", name="bob reads alice's profile"),
        POST("/store/profiles/", "alice", {"bio": "second"}, name="a second profile for alice"),
        GET("/store/profiles/me.json", "alice", name="format suffix on an action"),
    ]),
]
