"""Shared word lists for the language engine.

Kept small and grammatical (roles, pronouns, function words, well-known
tools) rather than keyed to any particular corpus.
"""

from __future__ import annotations

# Nouns whose referent is a person or a group of people.
ROLE_NOUNS: frozenset[str] = frozenset(
    """
    engineer developer dev dba sre operator admin administrator sysadmin
    on-call oncall on-caller reviewer author intern contractor hire manager
    lead owner employee staff responder programmer architect tester analyst
    teammate colleague coworker co-worker person people individual member
    human team squad crew folks guy captain maintainer committer approver
    deployer ops devops support engineering management leadership qa
    everyone everybody newcomer junior senior consultant technician
    """.split()
)

# Pronouns that (almost) always refer to people.
HUMAN_PRONOUNS: frozenset[str] = frozenset(
    """
    i we he she you someone somebody anyone anybody everyone everybody
    nobody who whoever us
    """.split()
)

# Well-known tools and products; capitalised but never personal names.
TECH_NAMES: frozenset[str] = frozenset(
    """
    postgres postgresql mysql mariadb redis kafka cassandra elasticsearch
    opensearch kubernetes k8s terraform ansible chef puppet jenkins grafana
    prometheus alertmanager pagerduty opsgenie datadog splunk sentry nginx
    envoy consul vault nomad docker helm spinnaker argo argocd github gitlab
    git slack jira zookeeper etcd memcached sidekiq celery rabbitmq linux
    cron cloudflare fastly akamai azure google amazon aws gcp lambda airflow
    spark hadoop mongo mongodb dynamo dynamodb istio linkerd traefik haproxy
    varnish stripe twilio okta auth0 snowflake bigquery looker tableau kibana
    logstash fluentd loki tempo jaeger zipkin heroku vercel netlify
    cloudfront route53 bigtable spanner pubsub redshift aurora athena kinesis
    vitess citus patroni pgbouncer kayenta flux tekton buildkite circleci
    travis bamboo bitbucket confluence windows ubuntu debian centos java
    python golang rust node ruby rails django flask spring react chrome
    safari firefox android ios s3 ec2 rds ebs elb alb nlb sqs sns iam
    cloudwatch statuspage zendesk nagios icinga zabbix newrelic honeycomb
    lightstep bgp dns cdn lvm zfs ceph gluster nfs haproxy graphite statsd
    influxdb clickhouse trino presto flink beam dataflow gke eks aks
    openstack vmware proxmox cassandra scylla couchbase neo4j solr
    dependabot renovate mergify copilot bors kodiak snyk
    rsync fstab cgroup cgroups dmesg systemd journald sshd crontab iptables nftables
    """.split()
)

# Capitalised words that commonly start sentences in post-mortems.
NON_NAME_WORDS: frozenset[str] = frozenset(
    """
    the a an this that these those it its we our their his her they there
    at after before during when while once then if had in on for to from
    by with as but and or so because since until although though however
    also again finally frankly ultimately later meanwhile eventually
    root cause action item contributing factor note impact summary timeline
    resolution detection trigger customers users traffic requests
    nobody someone everyone anyone no none all each every some most many
    monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november
    december utc gmt today yesterday tomorrow here what why how who which
    classic cause owner status update follow going next last first second
    third one two three four five six seven eight nine ten
    incident outage postmortem post-mortem review alert alerts page pages
    production prod staging replication monitoring backups failover
    """.split()
)

NEGATORS: frozenset[str] = frozenset("not never no none nobody neither nor nothing cannot hardly".split())

# Singular role nouns naming a person by what they do (plurals are derived).
ROLE_WORDS: frozenset[str] = frozenset(
    """
    engineer developer dev dba sre operator admin administrator sysadmin
    on-call oncall on-caller reviewer author intern contractor manager
    employee responder programmer tester teammate colleague coworker co-worker
    maintainer committer approver deployer technician staffer newcomer new\\ hire
    person individual human owner analyst architect consultant captain designer guy
    team\\ member staff\\ member junior staff personnel
    """.replace("\\ ", "\x00").split()
)
ROLE_WORDS = frozenset(w.replace("\x00", " ") for w in ROLE_WORDS)

# Nouns for a group of people.
TEAM_WORDS: frozenset[str] = frozenset("team teams squad crew department staff".split())

# Common given names (capitalised in text). Words that are also ordinary English or
# product words (Will, May, Mark, Grace, Rust, Ruby, Julia, Hugo, Max, Chase, Hope ...) are left out:
# a false name costs a false error, a missed name only a missed finding.
FIRST_NAMES: frozenset[str] = frozenset(
    """
    Aaron Abdul Abigail Adam Adrian Ahmed Aisha Alan Albert Alejandro Alex Alexander Alexandra
    Alexei Ali Alice Alicia Alison Amanda Amir Amit Amy Ana Andrea Andreas Andrew Andrei Andy
    Angela Anil Anita Ann Anna Anne Anthony Anton Antonio Arjun Arun Ashley Barbara Ben Benjamin
    Beth Betty Bob Bobby Brad Brandon Brenda Brian Bruce Bryan Carl Carla Carlos Carol Caroline
    Catherine Charles Charlie Charlotte Chen Chris Christian Christina Christine Christopher
    Claire Claudia Colin Craig Cynthia Dan Daniel Daniela Danielle Dave David Deborah Debra Deepak
    Denis Dennis Diana Diego Dmitri Dmitry Donald Donna Doug Douglas Ed Eddie Edward Elena Eli Elizabeth
    Ellen Emily Emma Eric Erik Erin Ethan Eva Eve Fatima Felix Fernando Frank Fred Gabriel Gary
    George Gerald Giovanni Greg Gregory Hannah Hans Harry Heather Helen Henry Hiroshi Ian Igor
    Irene Isaac Ivan Jacob Jake James Jamie Jan Jane Janet Jared Jason Javier Jean Jeff Jeffrey
    Jen Jenna Jennifer Jeremy Jerry Jessica Jim Jimmy Joan Joe Joel Johan John Johnny Jon Jonathan
    Jordan Jorge Jose Joseph Josh Joshua Juan Judy Julie Justin Karen Karl Kate Katherine
    Kathy Katie Keith Kelly Ken Kenji Kenneth Kevin Kim Kyle Lars Laura Lauren Lee Leo Linda Lisa
    Liz Lorenzo Louis Lucas Lucy Luis Luke Maria Marie Mario Marius Marco Marcus Margaret Maria
    Marta Martin Mary Matt Matthew Megan Mehmet Melissa Michael Michelle Miguel Mike Mohamed
    Mohammed Muhammad Nancy Natalie Nathan Neil Nicholas Nick Nicole Nikhil Nina Noah Oliver Olivia
    Omar Oscar Pablo Pam Patricia Patrick Paul Paula Pedro Peter Phil Philip Pierre Priya Rachel
    Rahul Raj Rajesh Ralph Ramesh Randy Rebecca Richard Rick Rob Robert Roberto Robin Roger Ron
    Ronald Rosa Ryan Sam Samantha Samuel Sandra Sara Sarah Scott Sean Sergei Sergey Shannon Sharon
    Sophia Sophie Stefan Stephanie Stephen Steve Steven Sue Susan Suresh Takeshi Tanya Ted Teresa
    Thomas Tim Timothy Tina Todd Tom Tommy Tony Tyler Valerie Vanessa Victor Victoria Vijay Vikram
    Vincent Walter Wei Wendy William Yuki Yusuf Zach Zachary Zoe
    Abhishek Aditya Akash Alberto Aleksandr Alexey Alvaro Amelia Ananya Andre Andres Angelo Anjali
    Ankit Arnav Arthur Ashish Ayesha Bart Benoit Bogdan Brett Camille Carlo Cheng Chloe Claudio
    Cristina Dario Darius Dean Derek Dominik Duncan Elias Elif Emil Emre Enrico Esther Fabian
    Farhan Fiona Florian Francesco Gaurav Gianluca Gustavo Hamza Harsh Hassan Hector Heidi Hugh
    Ibrahim Ines Ingrid Ishaan Ishita Jakub Jasmine Jesse Joanna Jonas Julian Julien Kamal Karan
    Karthik Kavya Kirill Klaus Kunal Lakshmi Lena Leon Lina Lukas Magnus Manish Manuel Marek Mateo
    Mathieu Maxim Mehdi Minh Mohit Nadia Naveen Neha Nikita Nikolai Nishant Nitin Olga Pankaj
    Pavel Pooja Pradeep Prakash Pranav Radek Rafael Rakesh Ravi Rohan Rohit Ruslan Sabrina Sachin
    Sahil Sanjay Sandy Sanjeev Santiago Shreya Siddharth Simon Sneha Sofia Sunil Svetlana Tariq
    Tobias Tomas Ulrich Vivek Vladimir Wojciech Xavier Yan Yash Yuri Zainab Zhang
    """.split()
)
